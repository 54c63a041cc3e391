// IAM authentication building blocks for PostgreSQL (RDS) and Redis (ElastiCache).
export * from './elasticache';
export * from './presign';
export * from './rds';
export * from './redis';
