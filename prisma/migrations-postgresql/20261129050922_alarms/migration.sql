-- CreateEnum
CREATE TYPE "AlarmLevel" AS ENUM ('ASSISTANCE', 'EMERGENCY');

-- CreateEnum
CREATE TYPE "AlarmSource" AS ENUM ('ROOM_TABLET', 'BUTTON_MQTT', 'BUTTON_WEBHOOK', 'RISK_CHECK', 'TEST');

-- CreateEnum
CREATE TYPE "AlarmStatus" AS ENUM ('PENDING', 'OPEN', 'CANCELLED', 'CLOSED');

-- CreateEnum
CREATE TYPE "AlarmOutcome" AS ENUM ('RESOLVED', 'FALSE_ALARM', 'POLICE_CALLED');

-- AlterTable
ALTER TABLE "Location" ADD COLUMN     "alarmCall112Seconds" INTEGER NOT NULL DEFAULT 90,
ADD COLUMN     "alarmEscalateAllSeconds" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "emergencyContacts" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "Alarm" (
    "id" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "roomId" TEXT,
    "level" "AlarmLevel" NOT NULL,
    "source" "AlarmSource" NOT NULL,
    "status" "AlarmStatus" NOT NULL DEFAULT 'PENDING',
    "test" BOOLEAN NOT NULL DEFAULT false,
    "deviceId" TEXT,
    "buttonId" TEXT,
    "raisedAt" TIMESTAMP(3) NOT NULL,
    "confirmAt" TIMESTAMP(3) NOT NULL,
    "openedAt" TIMESTAMP(3),
    "escalation" INTEGER NOT NULL DEFAULT 0,
    "cancelledAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "closedById" TEXT,
    "outcome" "AlarmOutcome",
    "closingNote" TEXT,

    CONSTRAINT "Alarm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlarmPage" (
    "id" TEXT NOT NULL,
    "alarmId" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 0,
    "pagedAt" TIMESTAMP(3) NOT NULL,
    "deliveredAt" TIMESTAMP(3),
    "seenAt" TIMESTAMP(3),
    "respondedAt" TIMESTAMP(3),
    "response" TEXT,

    CONSTRAINT "AlarmPage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlarmButton" (
    "id" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" "AlarmLevel" NOT NULL DEFAULT 'EMERGENCY',
    "mqttTopic" TEXT,
    "secretHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "AlarmButton_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "alarmId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Alarm_locationId_status_idx" ON "Alarm"("locationId", "status");

-- CreateIndex
CREATE INDEX "Alarm_roomId_status_idx" ON "Alarm"("roomId", "status");

-- CreateIndex
CREATE INDEX "AlarmPage_staffId_idx" ON "AlarmPage"("staffId");

-- CreateIndex
CREATE UNIQUE INDEX "AlarmPage_alarmId_staffId_key" ON "AlarmPage"("alarmId", "staffId");

-- CreateIndex
CREATE UNIQUE INDEX "AlarmButton_mqttTopic_key" ON "AlarmButton"("mqttTopic");

-- CreateIndex
CREATE UNIQUE INDEX "AlarmButton_secretHash_key" ON "AlarmButton"("secretHash");

-- CreateIndex
CREATE INDEX "AlarmButton_locationId_idx" ON "AlarmButton"("locationId");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_alarmId_key" ON "Incident"("alarmId");

-- CreateIndex
CREATE INDEX "Incident_locationId_status_idx" ON "Incident"("locationId", "status");

-- AddForeignKey
ALTER TABLE "Alarm" ADD CONSTRAINT "Alarm_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alarm" ADD CONSTRAINT "Alarm_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlarmPage" ADD CONSTRAINT "AlarmPage_alarmId_fkey" FOREIGN KEY ("alarmId") REFERENCES "Alarm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlarmPage" ADD CONSTRAINT "AlarmPage_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlarmButton" ADD CONSTRAINT "AlarmButton_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlarmButton" ADD CONSTRAINT "AlarmButton_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
