-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "hash" TEXT;
