-- CreateTable
CREATE TABLE "DashboardClockCheck" (
    "businessId" UUID NOT NULL,
    "asOf" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DashboardClockCheck_pkey" PRIMARY KEY ("businessId")
);

-- AddForeignKey
ALTER TABLE "DashboardClockCheck" ADD CONSTRAINT "DashboardClockCheck_businessId_fkey" FOREIGN KEY ("businessId") REFERENCES "Business"("id") ON DELETE CASCADE ON UPDATE CASCADE;

