-- AlterTable
ALTER TABLE "Incident" ADD COLUMN "acuteDanger" BOOLEAN;
ALTER TABLE "Incident" ADD COLUMN "affectedStaffId" TEXT;
ALTER TABLE "Incident" ADD COLUMN "banId" TEXT;
ALTER TABLE "Incident" ADD COLUMN "called112At" DATETIME;
ALTER TABLE "Incident" ADD COLUMN "category" TEXT;
ALTER TABLE "Incident" ADD COLUMN "closedAt" DATETIME;
ALTER TABLE "Incident" ADD COLUMN "closedById" TEXT;
ALTER TABLE "Incident" ADD COLUMN "complaintReason" TEXT;
ALTER TABLE "Incident" ADD COLUMN "complaintStatus" TEXT;
ALTER TABLE "Incident" ADD COLUMN "description" TEXT;
ALTER TABLE "Incident" ADD COLUMN "endedEarly" BOOLEAN;
ALTER TABLE "Incident" ADD COLUMN "managerInformedAt" DATETIME;
ALTER TABLE "Incident" ADD COLUMN "registeredAt" DATETIME;
ALTER TABLE "Incident" ADD COLUMN "registeredById" TEXT;
ALTER TABLE "Incident" ADD COLUMN "responseAt" DATETIME;
ALTER TABLE "Incident" ADD COLUMN "responseDueAt" DATETIME;
ALTER TABLE "Incident" ADD COLUMN "responseKind" TEXT;
ALTER TABLE "Incident" ADD COLUMN "responseNote" TEXT;
ALTER TABLE "Incident" ADD COLUMN "responseOverdueAt" DATETIME;
ALTER TABLE "Incident" ADD COLUMN "responseRemindedAt" DATETIME;
ALTER TABLE "Incident" ADD COLUMN "roomId" TEXT;
ALTER TABLE "Incident" ADD COLUMN "visitorId" TEXT;
ALTER TABLE "Incident" ADD COLUMN "vptReportedAt" DATETIME;

-- AlterTable
ALTER TABLE "Location" ADD COLUMN "aftercareFollowUpDays" INTEGER;
ALTER TABLE "Location" ADD COLUMN "neighbourhoodOfficer" TEXT;
ALTER TABLE "Location" ADD COLUMN "safetyOfficerId" TEXT;

-- CreateTable
CREATE TABLE "IncidentAftercareTask" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "remindedAt" DATETIME,
    "doneAt" DATETIME,
    "doneById" TEXT,
    "outcome" TEXT,
    "note" TEXT,
    CONSTRAINT "IncidentAftercareTask_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "IncidentAftercareTask_dueAt_doneAt_idx" ON "IncidentAftercareTask"("dueAt", "doneAt");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentAftercareTask_incidentId_kind_key" ON "IncidentAftercareTask"("incidentId", "kind");

-- CreateIndex
CREATE INDEX "Incident_locationId_occurredAt_idx" ON "Incident"("locationId", "occurredAt");
