// In-process demo apps keep their stand-in inventory in memory unless a test points it at a file.
process.env.DEMO_STOCK_SQLITE_PATH ??= ':memory:';
