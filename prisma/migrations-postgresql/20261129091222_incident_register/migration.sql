-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "acuteDanger" BOOLEAN,
ADD COLUMN     "affectedStaffId" TEXT,
ADD COLUMN     "banId" TEXT,
ADD COLUMN     "called112At" TIMESTAMP(3),
ADD COLUMN     "category" TEXT,
ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "closedById" TEXT,
ADD COLUMN     "complaintReason" TEXT,
ADD COLUMN     "complaintStatus" TEXT,
ADD COLUMN     "description" TEXT,
ADD COLUMN     "endedEarly" BOOLEAN,
ADD COLUMN     "managerInformedAt" TIMESTAMP(3),
ADD COLUMN     "registeredAt" TIMESTAMP(3),
ADD COLUMN     "registeredById" TEXT,
ADD COLUMN     "responseAt" TIMESTAMP(3),
ADD COLUMN     "responseDueAt" TIMESTAMP(3),
ADD COLUMN     "responseKind" TEXT,
ADD COLUMN     "responseNote" TEXT,
ADD COLUMN     "responseOverdueAt" TIMESTAMP(3),
ADD COLUMN     "responseRemindedAt" TIMESTAMP(3),
ADD COLUMN     "roomId" TEXT,
ADD COLUMN     "visitorId" TEXT,
ADD COLUMN     "vptReportedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Location" ADD COLUMN     "aftercareFollowUpDays" INTEGER,
ADD COLUMN     "neighbourhoodOfficer" TEXT,
ADD COLUMN     "safetyOfficerId" TEXT;

-- CreateTable
CREATE TABLE "IncidentAftercareTask" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "remindedAt" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),
    "doneById" TEXT,
    "outcome" TEXT,
    "note" TEXT,

    CONSTRAINT "IncidentAftercareTask_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IncidentAftercareTask_dueAt_doneAt_idx" ON "IncidentAftercareTask"("dueAt", "doneAt");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentAftercareTask_incidentId_kind_key" ON "IncidentAftercareTask"("incidentId", "kind");

-- CreateIndex
CREATE INDEX "Incident_locationId_occurredAt_idx" ON "Incident"("locationId", "occurredAt");

-- AddForeignKey
ALTER TABLE "IncidentAftercareTask" ADD CONSTRAINT "IncidentAftercareTask_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
