-- AlterTable
ALTER TABLE "Device" ADD COLUMN     "credentialIssuedAt" TIMESTAMP(3),
ADD COLUMN     "previousCredentialHash" TEXT,
ADD COLUMN     "previousCredentialUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "StaffSession" (
    "id" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "lastActiveAt" TIMESTAMP(3) NOT NULL,
    "onDuty" BOOLEAN NOT NULL DEFAULT false,
    "endedAt" TIMESTAMP(3),
    "endReason" TEXT,

    CONSTRAINT "StaffSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "lastEventId" INTEGER NOT NULL,
    "lastHash" TEXT NOT NULL,
    "pruned" INTEGER NOT NULL,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StaffSession_staffId_idx" ON "StaffSession"("staffId");

-- CreateIndex
CREATE INDEX "StaffSession_lastActiveAt_idx" ON "StaffSession"("lastActiveAt");

-- CreateIndex
CREATE UNIQUE INDEX "Device_previousCredentialHash_key" ON "Device"("previousCredentialHash");

-- AddForeignKey
ALTER TABLE "StaffSession" ADD CONSTRAINT "StaffSession_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;
