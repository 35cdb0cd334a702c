-- CreateTable
CREATE TABLE "Ban" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "locationId" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT 'BUILDING',
    "visitorId" TEXT,
    "passId" TEXT,
    "documentHash" TEXT,
    "nameKey" TEXT,
    "dateOfBirth" TEXT,
    "displayName" TEXT NOT NULL,
    "reasonCategory" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "reviewAt" DATETIME NOT NULL,
    "decidedById" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "contactPhone" TEXT,
    "notes" TEXT,
    "endedAt" DATETIME,
    "endedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "RulesAcceptance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "visitorId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "language" TEXT NOT NULL,
    "acceptedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DeskAlert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "locationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "visitId" TEXT,
    "data" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL,
    "acknowledgedAt" DATETIME,
    "acknowledgedById" TEXT
);

-- CreateTable
CREATE TABLE "QueueTicket" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "locationId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'WAITING',
    "createdAt" DATETIME NOT NULL,
    "calledAt" DATETIME,
    "closedAt" DATETIME
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Location_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Location" ("capacity", "createdAt", "deskPhone", "id", "kind", "name", "organisationId", "registrationMode", "retentionDays", "timeZone", "updatedAt", "waitAlertMinutes") SELECT "capacity", "createdAt", "deskPhone", "id", "kind", "name", "organisationId", "registrationMode", "retentionDays", "timeZone", "updatedAt", "waitAlertMinutes" FROM "Location";
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
    CONSTRAINT "Visit_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Visit_visitorId_fkey" FOREIGN KEY ("visitorId") REFERENCES "Visitor" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Visit_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "Appointment" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Visit_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "StaffMember" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Visit_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Visit" ("appointmentId", "checkedInAt", "checkedOutAt", "hostId", "id", "locationId", "method", "pickedUpAt", "purpose", "roomId", "rulesVersion", "status", "visitorId") SELECT "appointmentId", "checkedInAt", "checkedOutAt", "hostId", "id", "locationId", "method", "pickedUpAt", "purpose", "roomId", "rulesVersion", "status", "visitorId" FROM "Visit";
DROP TABLE "Visit";
ALTER TABLE "new_Visit" RENAME TO "Visit";
CREATE UNIQUE INDEX "Visit_appointmentId_key" ON "Visit"("appointmentId");
CREATE INDEX "Visit_locationId_status_idx" ON "Visit"("locationId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Ban_locationId_endsAt_idx" ON "Ban"("locationId", "endsAt");

-- CreateIndex
CREATE INDEX "Ban_passId_idx" ON "Ban"("passId");

-- CreateIndex
CREATE INDEX "Ban_documentHash_idx" ON "Ban"("documentHash");

-- CreateIndex
CREATE INDEX "Ban_nameKey_dateOfBirth_idx" ON "Ban"("nameKey", "dateOfBirth");

-- CreateIndex
CREATE UNIQUE INDEX "RulesAcceptance_visitorId_locationId_version_key" ON "RulesAcceptance"("visitorId", "locationId", "version");

-- CreateIndex
CREATE INDEX "DeskAlert_locationId_acknowledgedAt_idx" ON "DeskAlert"("locationId", "acknowledgedAt");

-- CreateIndex
CREATE INDEX "QueueTicket_locationId_status_idx" ON "QueueTicket"("locationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "QueueTicket_locationId_day_number_key" ON "QueueTicket"("locationId", "day", "number");
