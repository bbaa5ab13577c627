-- CreateTable
CREATE TABLE "PresenceNode" (
    "id" UUID NOT NULL,
    "heartbeatMs" INTEGER NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastBeatAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PresenceNode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PresenceStaff" (
    "nodeId" UUID NOT NULL,
    "userId" UUID NOT NULL,

    CONSTRAINT "PresenceStaff_pkey" PRIMARY KEY ("nodeId","userId")
);

-- CreateTable
CREATE TABLE "PresenceCustomer" (
    "nodeId" UUID NOT NULL,
    "sessionId" UUID NOT NULL,

    CONSTRAINT "PresenceCustomer_pkey" PRIMARY KEY ("nodeId","sessionId")
);

-- CreateIndex
CREATE INDEX "PresenceStaff_userId_idx" ON "PresenceStaff"("userId");

-- CreateIndex
CREATE INDEX "PresenceCustomer_sessionId_idx" ON "PresenceCustomer"("sessionId");

-- AddForeignKey
ALTER TABLE "PresenceStaff" ADD CONSTRAINT "PresenceStaff_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "PresenceNode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PresenceStaff" ADD CONSTRAINT "PresenceStaff_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PresenceCustomer" ADD CONSTRAINT "PresenceCustomer_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "PresenceNode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PresenceCustomer" ADD CONSTRAINT "PresenceCustomer_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ChatSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

