-- CreateIndex
CREATE UNIQUE INDEX "AssistantTask_messageId_key" ON "AssistantTask"("messageId");

