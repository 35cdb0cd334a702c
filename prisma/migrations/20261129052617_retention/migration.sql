-- AlterTable
ALTER TABLE "Visitor" ADD COLUMN "lastVisitAt" DATETIME;

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
    CONSTRAINT "Location_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Location" ("alarmCall112Seconds", "alarmEscalateAllSeconds", "capacity", "closesAt", "controlledEntrance", "createdAt", "deskPhone", "emergencyContacts", "id", "kind", "name", "organisationId", "registrationMode", "retentionDays", "riskCheckMinutes", "timeZone", "updatedAt", "waitAlertMinutes") SELECT "alarmCall112Seconds", "alarmEscalateAllSeconds", "capacity", "closesAt", "controlledEntrance", "createdAt", "deskPhone", "emergencyContacts", "id", "kind", "name", "organisationId", "registrationMode", "retentionDays", "riskCheckMinutes", "timeZone", "updatedAt", "waitAlertMinutes" FROM "Location";
DROP TABLE "Location";
ALTER TABLE "new_Location" RENAME TO "Location";
CREATE TABLE "new_Organisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "visitorRetentionDays" INTEGER NOT NULL DEFAULT 365,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Organisation" ("createdAt", "id", "name") SELECT "createdAt", "id", "name" FROM "Organisation";
DROP TABLE "Organisation";
ALTER TABLE "new_Organisation" RENAME TO "Organisation";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
