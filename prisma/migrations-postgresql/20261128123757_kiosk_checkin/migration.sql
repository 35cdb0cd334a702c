-- CreateEnum
CREATE TYPE "BanScope" AS ENUM ('ROOM', 'BUILDING');

-- CreateEnum
CREATE TYPE "BanReason" AS ENUM ('AGGRESSION', 'THREAT', 'PHYSICAL_VIOLENCE', 'THEFT', 'VANDALISM', 'DRUGS_ALCOHOL', 'HOUSE_RULES', 'OTHER');

-- CreateEnum
CREATE TYPE "QueueStatus" AS ENUM ('WAITING', 'CALLED', 'ADMITTED', 'EXPIRED', 'CANCELLED');

-- AlterTable
ALTER TABLE "Location" ADD COLUMN     "controlledEntrance" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Visit" ADD COLUMN     "banAlert" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "banId" TEXT,
ADD COLUMN     "language" TEXT,
ADD COLUMN     "leaveCode" TEXT,
ADD COLUMN     "rulesDeclined" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Ban" (
    "id" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "scope" "BanScope" NOT NULL DEFAULT 'BUILDING',
    "visitorId" TEXT,
    "passId" TEXT,
    "documentHash" TEXT,
    "nameKey" TEXT,
    "dateOfBirth" TEXT,
    "displayName" TEXT NOT NULL,
    "reasonCategory" "BanReason" NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "reviewAt" TIMESTAMP(3) NOT NULL,
    "decidedById" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "contactPhone" TEXT,
    "notes" TEXT,
    "endedAt" TIMESTAMP(3),
    "endedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Ban_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RulesAcceptance" (
    "id" TEXT NOT NULL,
    "visitorId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "language" TEXT NOT NULL,
    "acceptedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RulesAcceptance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeskAlert" (
    "id" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "visitId" TEXT,
    "data" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,

    CONSTRAINT "DeskAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QueueTicket" (
    "id" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "status" "QueueStatus" NOT NULL DEFAULT 'WAITING',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "calledAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "QueueTicket_pkey" PRIMARY KEY ("id")
);

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
