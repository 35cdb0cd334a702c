-- AlterTable
ALTER TABLE "Visitor" ADD COLUMN "passIssuedAt" DATETIME;

-- CreateTable
CREATE TABLE "StaffPresence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "staffId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "signedInAt" DATETIME NOT NULL,
    "signedInBy" TEXT NOT NULL,
    "signedOutAt" DATETIME,
    "signedOutBy" TEXT,
    "confirmedAt" DATETIME,
    "confirmedById" TEXT,
    CONSTRAINT "StaffPresence_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffMember" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StaffPresence_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RiskCheck" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "visitId" TEXT NOT NULL,
    "promptedAt" DATETIME NOT NULL,
    "answeredAt" DATETIME,
    "answeredById" TEXT,
    "ok" BOOLEAN,
    CONSTRAINT "RiskCheck_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Location_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Location" ("capacity", "controlledEntrance", "createdAt", "deskPhone", "id", "kind", "name", "organisationId", "registrationMode", "retentionDays", "timeZone", "updatedAt", "waitAlertMinutes") SELECT "capacity", "controlledEntrance", "createdAt", "deskPhone", "id", "kind", "name", "organisationId", "registrationMode", "retentionDays", "timeZone", "updatedAt", "waitAlertMinutes" FROM "Location";
DROP TABLE "Location";
ALTER TABLE "new_Location" RENAME TO "Location";
CREATE TABLE "new_Visit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "locationId" TEXT NOT NULL,
    "visitorId" TEXT,
    "appointmentId" TEXT,
    "hostId" TEXT,
    "roomId" TEXT,
    "method" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'WAITING',
    "purpose" TEXT,
    "rulesVersion" INTEGER,
    "rulesDeclined" BOOLEAN NOT NULL DEFAULT false,
    "banAlert" BOOLEAN NOT NULL DEFAULT false,
    "banId" TEXT,
    "leaveCode" TEXT,
    "language" TEXT,
    "checkedInAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "pickedUpAt" DATETIME,
    "checkedOutAt" DATETIME,
    "risky" BOOLEAN NOT NULL DEFAULT false,
    "waitAlertLevel" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Visit_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Visit_visitorId_fkey" FOREIGN KEY ("visitorId") REFERENCES "Visitor" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Visit_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "Appointment" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Visit_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "StaffMember" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Visit_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Visit" ("appointmentId", "banAlert", "banId", "checkedInAt", "checkedOutAt", "hostId", "id", "language", "leaveCode", "locationId", "method", "pickedUpAt", "purpose", "roomId", "rulesDeclined", "rulesVersion", "status", "visitorId") SELECT "appointmentId", "banAlert", "banId", "checkedInAt", "checkedOutAt", "hostId", "id", "language", "leaveCode", "locationId", "method", "pickedUpAt", "purpose", "roomId", "rulesDeclined", "rulesVersion", "status", "visitorId" FROM "Visit";
DROP TABLE "Visit";
ALTER TABLE "new_Visit" RENAME TO "Visit";
CREATE UNIQUE INDEX "Visit_appointmentId_key" ON "Visit"("appointmentId");
CREATE INDEX "Visit_locationId_status_idx" ON "Visit"("locationId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "StaffPresence_locationId_signedOutAt_idx" ON "StaffPresence"("locationId", "signedOutAt");

-- CreateIndex
CREATE INDEX "StaffPresence_staffId_signedOutAt_idx" ON "StaffPresence"("staffId", "signedOutAt");

-- CreateIndex
CREATE INDEX "RiskCheck_visitId_idx" ON "RiskCheck"("visitId");
