-- AlterTable
ALTER TABLE "Device" ADD COLUMN "credentialIssuedAt" DATETIME;
ALTER TABLE "Device" ADD COLUMN "previousCredentialHash" TEXT;
ALTER TABLE "Device" ADD COLUMN "previousCredentialUntil" DATETIME;

-- CreateTable
CREATE TABLE "StaffSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "staffId" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "lastActiveAt" DATETIME NOT NULL,
    "onDuty" BOOLEAN NOT NULL DEFAULT false,
    "endedAt" DATETIME,
    "endReason" TEXT,
    CONSTRAINT "StaffSession_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffMember" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "lastEventId" INTEGER NOT NULL,
    "lastHash" TEXT NOT NULL,
    "pruned" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "StaffSession_staffId_idx" ON "StaffSession"("staffId");

-- CreateIndex
CREATE INDEX "StaffSession_lastActiveAt_idx" ON "StaffSession"("lastActiveAt");

-- CreateIndex
CREATE UNIQUE INDEX "Device_previousCredentialHash_key" ON "Device"("previousCredentialHash");
