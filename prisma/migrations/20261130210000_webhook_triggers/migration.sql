-- Webhooks (docs/decisions/021-webhooks.md): the changes that make events are captured in the
-- transaction of the change itself. A trigger writes the WebhookEvent (its payload built here)
-- and one WebhookDelivery per enabled endpoint of the business subscribed to the type — nothing
-- at all for a business without endpoints — and wakes the delivery workers.

-- A stored UTC timestamp (Prisma's timestamp(3)) as the API writes times: ISO 8601 with Z.
CREATE FUNCTION "switchboard_webhook_iso"(ts timestamp) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT to_char(ts, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- The conversation as every conversation event and message.created carry it.
CREATE FUNCTION "switchboard_webhook_conversation"(session_id uuid) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', s.id,
    'status', s.status::text,
    'priority', s.priority,
    'customer', jsonb_build_object('id', c.id, 'name', c.name, 'email', c.email, 'external_id', c."externalId"),
    'assigned_agent_id', s."assignedAgentId",
    'handoff_reason', s."handoffReason",
    'created_at', "switchboard_webhook_iso"(s."createdAt"),
    'queued_at', "switchboard_webhook_iso"(s."queuedAt"),
    'assigned_at', "switchboard_webhook_iso"(s."assignedAt"),
    'first_response_at', "switchboard_webhook_iso"(s."firstResponseAt"),
    'closed_at', "switchboard_webhook_iso"(s."closedAt"),
    'last_message_at', "switchboard_webhook_iso"(s."lastMessageAt")
  )
  FROM "ChatSession" s JOIN "Customer" c ON c.id = s."customerId"
  WHERE s.id = session_id
$$;

-- Writes one event and its deliveries: to every enabled endpoint of the business subscribed to
-- the type, or (only_endpoint, a test ping) to that one endpoint whatever it subscribes to.
-- Events of one ordering key get strictly increasing times (at least 1 ms apart, the column's
-- precision), so "earlier" is well defined even for several events of one statement.
CREATE FUNCTION "switchboard_webhook_enqueue"(business_id uuid, event_type text, ordering_key text, data jsonb, only_endpoint uuid DEFAULT NULL)
RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE
  endpoint_ids uuid[];
  event_id uuid := gen_random_uuid();
  event_at timestamp(3);
BEGIN
  SELECT array_agg(e.id) INTO endpoint_ids FROM "WebhookEndpoint" e
  WHERE e."businessId" = business_id
    AND (CASE WHEN only_endpoint IS NULL THEN e.enabled AND event_type = ANY (e.events) ELSE e.id = only_endpoint END);
  IF endpoint_ids IS NULL THEN
    RETURN NULL;
  END IF;
  event_at := greatest(
    date_trunc('milliseconds', clock_timestamp() AT TIME ZONE 'UTC'),
    (SELECT max(d."createdAt") FROM "WebhookDelivery" d WHERE d."endpointId" = ANY (endpoint_ids) AND d."orderingKey" = ordering_key) + interval '1 millisecond'
  );
  INSERT INTO "WebhookEvent" (id, "businessId", type, "orderingKey", payload, "createdAt")
  VALUES (event_id, business_id, event_type, ordering_key,
          jsonb_build_object('id', event_id, 'type', event_type, 'created_at', "switchboard_webhook_iso"(event_at), 'business_id', business_id, 'data', data), event_at);
  INSERT INTO "WebhookDelivery" (id, "businessId", "endpointId", "eventId", "orderingKey", "nextAttemptAt", "createdAt")
  SELECT gen_random_uuid(), business_id, endpoint_id, event_id, ordering_key, event_at, event_at FROM unnest(endpoint_ids) AS endpoint_id;
  -- Delivered at commit: the workers LISTEN (a periodic poll covers a missed one).
  PERFORM pg_notify('switchboard_webhooks', '');
  RETURN event_id;
END
$$;

-- The cheap test every trigger starts with: most businesses have no endpoint.
CREATE FUNCTION "switchboard_webhooks_enabled"(business_id uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM "WebhookEndpoint" WHERE "businessId" = business_id AND enabled)
$$;

-- conversation.created / .handed_off / .queued / .assigned / .closed, in that order when one
-- change is several. "Queued" is entering the queue: WAITING with queuedAt set (a chat taken
-- while the desk is closed waits with queuedAt null and is queued when the desk opens), again
-- after going back to the queue. "Closed" includes chats that end ABANDONED (see the status).
CREATE FUNCTION "switchboard_webhook_session_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  event_data jsonb;
  key text := NEW.id::text;
  was_ended boolean := TG_OP = 'UPDATE' AND OLD.status IN ('CLOSED', 'ABANDONED');
  was_queued boolean := TG_OP = 'UPDATE' AND OLD.status = 'WAITING' AND OLD."queuedAt" IS NOT NULL;
BEGIN
  IF NOT "switchboard_webhooks_enabled"(NEW."businessId") THEN
    RETURN NULL;
  END IF;
  event_data := jsonb_build_object('conversation', "switchboard_webhook_conversation"(NEW.id));
  IF TG_OP = 'INSERT' THEN
    PERFORM "switchboard_webhook_enqueue"(NEW."businessId", 'conversation.created', key, event_data);
  ELSIF OLD.status = 'BOT' AND NEW.status IN ('WAITING', 'ACTIVE') THEN
    PERFORM "switchboard_webhook_enqueue"(NEW."businessId", 'conversation.handed_off', key, event_data);
  END IF;
  IF NEW.status = 'WAITING' AND NEW."queuedAt" IS NOT NULL
     AND (NOT was_queued OR OLD."queuedAt" IS DISTINCT FROM NEW."queuedAt") THEN
    PERFORM "switchboard_webhook_enqueue"(NEW."businessId", 'conversation.queued', key, event_data);
  END IF;
  IF NEW."assignedAgentId" IS NOT NULL AND (TG_OP = 'INSERT' OR OLD."assignedAgentId" IS DISTINCT FROM NEW."assignedAgentId") THEN
    PERFORM "switchboard_webhook_enqueue"(NEW."businessId", 'conversation.assigned', key, event_data);
  END IF;
  IF NEW.status IN ('CLOSED', 'ABANDONED') AND NOT was_ended THEN
    PERFORM "switchboard_webhook_enqueue"(NEW."businessId", 'conversation.closed', key, event_data);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "ChatSession_webhook_insert" AFTER INSERT ON "ChatSession"
  FOR EACH ROW EXECUTE FUNCTION "switchboard_webhook_session_change"();
CREATE TRIGGER "ChatSession_webhook_update" AFTER UPDATE OF status, "assignedAgentId", "queuedAt" ON "ChatSession"
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD."assignedAgentId" IS DISTINCT FROM NEW."assignedAgentId" OR OLD."queuedAt" IS DISTINCT FROM NEW."queuedAt")
  EXECUTE FUNCTION "switchboard_webhook_session_change"();

-- message.created: every message of the transcript the customer sees (SYSTEM lines included,
-- author says which). Private notes are SessionNote rows: no trigger, never an event.
CREATE FUNCTION "switchboard_webhook_message_created"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF "switchboard_webhooks_enabled"(NEW."businessId") THEN
    PERFORM "switchboard_webhook_enqueue"(NEW."businessId", 'message.created', NEW."sessionId"::text, jsonb_build_object(
      'conversation', "switchboard_webhook_conversation"(NEW."sessionId"),
      'message', jsonb_build_object('id', NEW.id, 'author', NEW.author::text, 'agent_id', NEW."agentId", 'body', NEW.body, 'created_at', "switchboard_webhook_iso"(NEW."createdAt"))));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "ChatMessage_webhook_insert" AFTER INSERT ON "ChatMessage"
  FOR EACH ROW EXECUTE FUNCTION "switchboard_webhook_message_created"();

CREATE FUNCTION "switchboard_webhook_rating_created"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF "switchboard_webhooks_enabled"(NEW."businessId") THEN
    PERFORM "switchboard_webhook_enqueue"(NEW."businessId", 'conversation.rated', NEW."sessionId"::text, jsonb_build_object(
      'conversation', "switchboard_webhook_conversation"(NEW."sessionId"),
      'rating', jsonb_build_object('score', NEW.score, 'comment', NEW.comment, 'created_at', "switchboard_webhook_iso"(NEW."createdAt"))));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "SatisfactionRating_webhook_insert" AFTER INSERT ON "SatisfactionRating"
  FOR EACH ROW EXECUTE FUNCTION "switchboard_webhook_rating_created"();

-- On the Agent row itself: every path that changes a status (the agent, presence expiry, leaving
-- the business) is caught, whether or not it also writes an AgentStatusEvent.
CREATE FUNCTION "switchboard_webhook_agent_status"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF "switchboard_webhooks_enabled"(NEW."businessId") THEN
    PERFORM "switchboard_webhook_enqueue"(NEW."businessId", 'agent.status_changed', NEW.id::text, jsonb_build_object(
      'agent', jsonb_build_object('id', NEW.id, 'user_id', NEW."userId", 'kind', NEW.kind::text, 'display_name', NEW."displayName",
                                  'status', NEW.status::text, 'previous_status', OLD.status::text)));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Agent_webhook_status" AFTER UPDATE OF status ON "Agent"
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION "switchboard_webhook_agent_status"();
