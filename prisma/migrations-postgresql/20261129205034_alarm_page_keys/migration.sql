-- DropForeignKey
ALTER TABLE "AlarmPage" DROP CONSTRAINT "AlarmPage_alarmId_fkey";

-- DropForeignKey
ALTER TABLE "AlarmPage" DROP CONSTRAINT "AlarmPage_staffId_fkey";

-- DropIndex
DROP INDEX "AlarmPage_alarmId_staffId_key";

-- AlterTable
ALTER TABLE "AlarmPage" DROP CONSTRAINT "AlarmPage_pkey",
DROP COLUMN "id",
ADD CONSTRAINT "AlarmPage_pkey" PRIMARY KEY ("alarmId", "staffId");
