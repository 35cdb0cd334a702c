-- CreateTable
CREATE TABLE "EvacuationSettings" (
    "locationId" TEXT NOT NULL PRIMARY KEY,
    "startRoles" TEXT NOT NULL DEFAULT 'RECEPTION,MANAGER,ADMIN',
    "mqttTopic" TEXT,
    "secretHash" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "EvacuationSettings_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Evacuation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "locationId" TEXT NOT NULL,
    "drill" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL,
    "reason" TEXT,
    "startedAt" DATETIME NOT NULL,
    "startedById" TEXT,
    "allAccountedAt" DATETIME,
    "endedAt" DATETIME,
    "endedById" TEXT,
    CONSTRAINT "Evacuation_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EvacuationPerson" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "evacuationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "staffId" TEXT,
    "visitId" TEXT,
    "name" TEXT NOT NULL,
    "roomId" TEXT,
    "roomName" TEXT,
    "needsHelp" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'MISSING',
    "statusAt" DATETIME,
    "statusMarkId" TEXT,
    CONSTRAINT "EvacuationPerson_evacuationId_fkey" FOREIGN KEY ("evacuationId") REFERENCES "Evacuation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EvacuationMark" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "evacuationId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "markedAt" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "byStaffId" TEXT,
    "source" TEXT NOT NULL,
    CONSTRAINT "EvacuationMark_evacuationId_fkey" FOREIGN KEY ("evacuationId") REFERENCES "Evacuation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EvacuationMark_personId_fkey" FOREIGN KEY ("personId") REFERENCES "EvacuationPerson" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (a plain ADD COLUMN: no table redefinition)
ALTER TABLE "StaffMember" ADD COLUMN "needsEvacuationHelp" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "EvacuationSettings_mqttTopic_key" ON "EvacuationSettings"("mqttTopic");

-- CreateIndex
CREATE UNIQUE INDEX "EvacuationSettings_secretHash_key" ON "EvacuationSettings"("secretHash");

-- CreateIndex
CREATE INDEX "Evacuation_locationId_endedAt_idx" ON "Evacuation"("locationId", "endedAt");

-- CreateIndex
CREATE INDEX "EvacuationPerson_evacuationId_idx" ON "EvacuationPerson"("evacuationId");

-- CreateIndex
CREATE INDEX "EvacuationPerson_visitId_idx" ON "EvacuationPerson"("visitId");

-- CreateIndex
CREATE INDEX "EvacuationMark_evacuationId_markedAt_idx" ON "EvacuationMark"("evacuationId", "markedAt");
