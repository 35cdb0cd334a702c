-- CreateEnum
CREATE TYPE "PresenceMethod" AS ENUM ('BADGE_KIOSK', 'BADGE_DESK', 'DASHBOARD', 'END_OF_DAY');

-- AlterTable
ALTER TABLE "Location" ADD COLUMN     "closesAt" TEXT NOT NULL DEFAULT '22:00',
ADD COLUMN     "riskCheckMinutes" INTEGER NOT NULL DEFAULT 10;

-- AlterTable
ALTER TABLE "Visit" ADD COLUMN     "risky" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "waitAlertLevel" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Visitor" ADD COLUMN     "passIssuedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "StaffPresence" (
    "id" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "signedInAt" TIMESTAMP(3) NOT NULL,
    "signedInBy" "PresenceMethod" NOT NULL,
    "signedOutAt" TIMESTAMP(3),
    "signedOutBy" "PresenceMethod",
    "confirmedAt" TIMESTAMP(3),
    "confirmedById" TEXT,

    CONSTRAINT "StaffPresence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskCheck" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "promptedAt" TIMESTAMP(3) NOT NULL,
    "answeredAt" TIMESTAMP(3),
    "answeredById" TEXT,
    "ok" BOOLEAN,

    CONSTRAINT "RiskCheck_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StaffPresence_locationId_signedOutAt_idx" ON "StaffPresence"("locationId", "signedOutAt");

-- CreateIndex
CREATE INDEX "StaffPresence_staffId_signedOutAt_idx" ON "StaffPresence"("staffId", "signedOutAt");

-- CreateIndex
CREATE INDEX "RiskCheck_visitId_idx" ON "RiskCheck"("visitId");

-- AddForeignKey
ALTER TABLE "StaffPresence" ADD CONSTRAINT "StaffPresence_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffPresence" ADD CONSTRAINT "StaffPresence_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskCheck" ADD CONSTRAINT "RiskCheck_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE CASCADE ON UPDATE CASCADE;
