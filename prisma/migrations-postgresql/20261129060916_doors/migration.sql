-- CreateEnum
CREATE TYPE "DoorKind" AS ENUM ('ENTRANCE_OUTER', 'ENTRANCE_INNER', 'STAFF_ONLY', 'EXIT');

-- CreateEnum
CREATE TYPE "DoorZone" AS ENUM ('OUTSIDE', 'PUBLIC', 'WAITING', 'STAFF_ONLY');

-- CreateEnum
CREATE TYPE "DoorDriver" AS ENUM ('SIMULATOR', 'MQTT');

-- CreateEnum
CREATE TYPE "DoorSafeState" AS ENUM ('LOCKED', 'RELEASED');

-- AlterTable
ALTER TABLE "Location" ADD COLUMN     "emergencyRelease" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "emergencyReleaseAt" TIMESTAMP(3),
ADD COLUMN     "emergencyReleaseReason" TEXT;

-- CreateTable
CREATE TABLE "Door" (
    "id" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "DoorKind" NOT NULL,
    "fromZone" "DoorZone" NOT NULL,
    "toZone" "DoorZone" NOT NULL,
    "interlockGroup" TEXT,
    "driver" "DoorDriver" NOT NULL DEFAULT 'SIMULATOR',
    "commandTopic" TEXT,
    "stateTopic" TEXT,
    "availabilityTopic" TEXT,
    "safeState" "DoorSafeState" NOT NULL DEFAULT 'LOCKED',
    "releaseSeconds" INTEGER NOT NULL DEFAULT 5,
    "heldOpenAlertSeconds" INTEGER NOT NULL DEFAULT 30,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "released" BOOLEAN NOT NULL DEFAULT false,
    "releasedUntil" TIMESTAMP(3),
    "releaseReason" TEXT,
    "releaseVisitId" TEXT,
    "open" BOOLEAN NOT NULL DEFAULT false,
    "openedDuringRelease" BOOLEAN NOT NULL DEFAULT false,
    "openedAt" TIMESTAMP(3),
    "controllerOnline" BOOLEAN NOT NULL DEFAULT true,
    "queuedReason" TEXT,
    "queuedVisitId" TEXT,
    "queuedAfterDoorId" TEXT,
    "queuedAfterPassed" BOOLEAN NOT NULL DEFAULT false,
    "stateChangedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Door_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Door_locationId_idx" ON "Door"("locationId");

-- AddForeignKey
ALTER TABLE "Door" ADD CONSTRAINT "Door_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
