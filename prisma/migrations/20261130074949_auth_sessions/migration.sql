-- CreateTable
CREATE TABLE "AuthSession" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuthSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "AuthSession_userId_idx" ON "AuthSession"("userId");

-- CreateIndex
CREATE INDEX "AuthSession_expiresAt_idx" ON "AuthSession"("expiresAt");

-- AddForeignKey
ALTER TABLE "AuthSession" ADD CONSTRAINT "AuthSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Access changes reach every node at once, whoever made them (the app, a script, psql): each node
-- LISTENs on "switchboard_access" and re-checks the staff sockets of the user named.
CREATE FUNCTION "switchboard_notify_access_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'AuthSession' THEN
    PERFORM pg_notify('switchboard_access', json_build_object('kind', 'session_ended', 'user_id', OLD."userId", 'session_id', OLD."id")::text);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('switchboard_access', json_build_object('kind', 'membership_removed', 'user_id', OLD."userId", 'business_id', OLD."businessId")::text);
  ELSE
    PERFORM pg_notify('switchboard_access', json_build_object('kind', 'role_changed', 'user_id', NEW."userId", 'business_id', NEW."businessId", 'role', NEW."role")::text);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "AuthSession_access_change" AFTER DELETE ON "AuthSession"
  FOR EACH ROW EXECUTE FUNCTION "switchboard_notify_access_change"();
CREATE TRIGGER "Membership_removed_access_change" AFTER DELETE ON "Membership"
  FOR EACH ROW EXECUTE FUNCTION "switchboard_notify_access_change"();
CREATE TRIGGER "Membership_role_access_change" AFTER UPDATE OF "role" ON "Membership"
  FOR EACH ROW WHEN (OLD."role" IS DISTINCT FROM NEW."role") EXECUTE FUNCTION "switchboard_notify_access_change"();
