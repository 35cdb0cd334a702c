-- AlterTable
ALTER TABLE "Location" ADD COLUMN     "alarmRetentionDays" INTEGER NOT NULL DEFAULT 365,
ADD COLUMN     "incidentRetentionDays" INTEGER NOT NULL DEFAULT 1825;

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "visitorRetentionDays" INTEGER NOT NULL DEFAULT 365;

-- AlterTable
ALTER TABLE "Visitor" ADD COLUMN     "lastVisitAt" TIMESTAMP(3);
