-- AlterTable
ALTER TABLE "StaffMember" ADD COLUMN     "needsEvacuationHelp" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "EvacuationSettings" (
    "locationId" TEXT NOT NULL,
    "startRoles" TEXT NOT NULL DEFAULT 'RECEPTION,MANAGER,ADMIN',
    "mqttTopic" TEXT,
    "secretHash" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EvacuationSettings_pkey" PRIMARY KEY ("locationId")
);

-- CreateTable
CREATE TABLE "Evacuation" (
    "id" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "drill" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL,
    "reason" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "startedById" TEXT,
    "allAccountedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "endedById" TEXT,

    CONSTRAINT "Evacuation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvacuationPerson" (
    "id" TEXT NOT NULL,
    "evacuationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "staffId" TEXT,
    "visitId" TEXT,
    "name" TEXT NOT NULL,
    "roomId" TEXT,
    "roomName" TEXT,
    "needsHelp" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'MISSING',
    "statusAt" TIMESTAMP(3),
    "statusMarkId" TEXT,

    CONSTRAINT "EvacuationPerson_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvacuationMark" (
    "id" TEXT NOT NULL,
    "evacuationId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "markedAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "byStaffId" TEXT,
    "source" TEXT NOT NULL,

    CONSTRAINT "EvacuationMark_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "EvacuationSettings" ADD CONSTRAINT "EvacuationSettings_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evacuation" ADD CONSTRAINT "Evacuation_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvacuationPerson" ADD CONSTRAINT "EvacuationPerson_evacuationId_fkey" FOREIGN KEY ("evacuationId") REFERENCES "Evacuation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvacuationMark" ADD CONSTRAINT "EvacuationMark_evacuationId_fkey" FOREIGN KEY ("evacuationId") REFERENCES "Evacuation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvacuationMark" ADD CONSTRAINT "EvacuationMark_personId_fkey" FOREIGN KEY ("personId") REFERENCES "EvacuationPerson"("id") ON DELETE CASCADE ON UPDATE CASCADE;
