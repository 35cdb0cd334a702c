-- CreateTable
CREATE TABLE "Alarm" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "locationId" TEXT NOT NULL,
    "roomId" TEXT,
    "level" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "test" BOOLEAN NOT NULL DEFAULT false,
    "deviceId" TEXT,
    "buttonId" TEXT,
    "raisedAt" DATETIME NOT NULL,
    "confirmAt" DATETIME NOT NULL,
    "openedAt" DATETIME,
    "escalation" INTEGER NOT NULL DEFAULT 0,
    "cancelledAt" DATETIME,
    "closedAt" DATETIME,
    "closedById" TEXT,
    "outcome" TEXT,
    "closingNote" TEXT,
    CONSTRAINT "Alarm_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Alarm_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AlarmPage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "alarmId" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 0,
    "pagedAt" DATETIME NOT NULL,
    "deliveredAt" DATETIME,
    "seenAt" DATETIME,
    "respondedAt" DATETIME,
    "response" TEXT,
    CONSTRAINT "AlarmPage_alarmId_fkey" FOREIGN KEY ("alarmId") REFERENCES "Alarm" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AlarmPage_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffMember" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AlarmButton" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "locationId" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" TEXT NOT NULL DEFAULT 'EMERGENCY',
    "mqttTopic" TEXT,
    "secretHash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    CONSTRAINT "AlarmButton_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AlarmButton_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "locationId" TEXT NOT NULL,
    "alarmId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "occurredAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "createdById" TEXT
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Location" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "capacity" INTEGER,
    "waitAlertMinutes" INTEGER NOT NULL DEFAULT 10,
    "registrationMode" TEXT NOT NULL DEFAULT 'FULL',
    "retentionDays" INTEGER NOT NULL DEFAULT 28,
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/Amsterdam',
    "deskPhone" TEXT,
    "controlledEntrance" BOOLEAN NOT NULL DEFAULT false,
    "closesAt" TEXT NOT NULL DEFAULT '22:00',
    "riskCheckMinutes" INTEGER NOT NULL DEFAULT 10,
    "alarmEscalateAllSeconds" INTEGER NOT NULL DEFAULT 30,
    "alarmCall112Seconds" INTEGER NOT NULL DEFAULT 90,
    "emergencyContacts" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Location_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Location" ("capacity", "closesAt", "controlledEntrance", "createdAt", "deskPhone", "id", "kind", "name", "organisationId", "registrationMode", "retentionDays", "riskCheckMinutes", "timeZone", "updatedAt", "waitAlertMinutes") SELECT "capacity", "closesAt", "controlledEntrance", "createdAt", "deskPhone", "id", "kind", "name", "organisationId", "registrationMode", "retentionDays", "riskCheckMinutes", "timeZone", "updatedAt", "waitAlertMinutes" FROM "Location";
DROP TABLE "Location";
ALTER TABLE "new_Location" RENAME TO "Location";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
