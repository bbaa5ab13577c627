-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "disconnectedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ChatSession" ADD COLUMN     "customerLeftAt" TIMESTAMP(3);

-- CreateIndex
CREATE UNIQUE INDEX "ChatSession_tokenHash_key" ON "ChatSession"("tokenHash");

-- CreateIndex
CREATE INDEX "ChatSession_status_customerLeftAt_idx" ON "ChatSession"("status", "customerLeftAt");

