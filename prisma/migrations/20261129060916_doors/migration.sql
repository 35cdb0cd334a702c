-- CreateTable
CREATE TABLE "Door" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "locationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fromZone" TEXT NOT NULL,
    "toZone" TEXT NOT NULL,
    "interlockGroup" TEXT,
    "driver" TEXT NOT NULL DEFAULT 'SIMULATOR',
    "commandTopic" TEXT,
    "stateTopic" TEXT,
    "availabilityTopic" TEXT,
    "safeState" TEXT NOT NULL DEFAULT 'LOCKED',
    "releaseSeconds" INTEGER NOT NULL DEFAULT 5,
    "heldOpenAlertSeconds" INTEGER NOT NULL DEFAULT 30,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "released" BOOLEAN NOT NULL DEFAULT false,
    "releasedUntil" DATETIME,
    "releaseReason" TEXT,
    "releaseVisitId" TEXT,
    "open" BOOLEAN NOT NULL DEFAULT false,
    "openedDuringRelease" BOOLEAN NOT NULL DEFAULT false,
    "openedAt" DATETIME,
    "controllerOnline" BOOLEAN NOT NULL DEFAULT true,
    "queuedReason" TEXT,
    "queuedVisitId" TEXT,
    "queuedAfterDoorId" TEXT,
    "queuedAfterPassed" BOOLEAN NOT NULL DEFAULT false,
    "stateChangedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Door_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
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
    "alarmRetentionDays" INTEGER NOT NULL DEFAULT 365,
    "incidentRetentionDays" INTEGER NOT NULL DEFAULT 1825,
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
    "emergencyRelease" BOOLEAN NOT NULL DEFAULT false,
    "emergencyReleaseReason" TEXT,
    "emergencyReleaseAt" DATETIME,
    CONSTRAINT "Location_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Location" ("alarmCall112Seconds", "alarmEscalateAllSeconds", "alarmRetentionDays", "capacity", "closesAt", "controlledEntrance", "createdAt", "deskPhone", "emergencyContacts", "id", "incidentRetentionDays", "kind", "name", "organisationId", "registrationMode", "retentionDays", "riskCheckMinutes", "timeZone", "updatedAt", "waitAlertMinutes") SELECT "alarmCall112Seconds", "alarmEscalateAllSeconds", "alarmRetentionDays", "capacity", "closesAt", "controlledEntrance", "createdAt", "deskPhone", "emergencyContacts", "id", "incidentRetentionDays", "kind", "name", "organisationId", "registrationMode", "retentionDays", "riskCheckMinutes", "timeZone", "updatedAt", "waitAlertMinutes" FROM "Location";
DROP TABLE "Location";
ALTER TABLE "new_Location" RENAME TO "Location";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Door_locationId_idx" ON "Door"("locationId");
