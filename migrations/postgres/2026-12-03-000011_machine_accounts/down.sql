DROP TABLE machine_accounts;
