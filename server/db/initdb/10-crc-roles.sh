#!/usr/bin/env bash
# Creates the two roles and the database of the Congress Records Console, exactly as
# ensureRolesAndDatabase() in server/db/roles.ts does for the embedded cluster:
#   crc_owner  LOGIN, owns database crc, runs the migrations (DATABASE_OWNER_URL)
#   crc_app    LOGIN, neither superuser nor owner, the role the server connects as (DATABASE_URL)
# The role names are fixed: the migrations grant table rights to crc_app by name.
#
# The official postgres image runs this once, as the superuser, when its data volume is empty
# (files in /docker-entrypoint-initdb.d). It is idempotent, so it can also be run again by hand:
#   docker compose exec postgres bash /docker-entrypoint-initdb.d/10-crc-roles.sh
# which re-applies the passwords from CRC_OWNER_PASSWORD / CRC_APP_PASSWORD.
set -Eeo pipefail

: "${CRC_OWNER_PASSWORD:?CRC_OWNER_PASSWORD must be set (password of the crc_owner role)}"
: "${CRC_APP_PASSWORD:?CRC_APP_PASSWORD must be set (password of the crc_app role)}"

# Passwords travel as psql variables and are quoted by %L / :'var', never spliced into SQL by the shell.
psql -X -v ON_ERROR_STOP=1 \
  --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  -v owner_password="$CRC_OWNER_PASSWORD" \
  -v app_password="$CRC_APP_PASSWORD" <<'SQL'
-- Both roles: create, or re-password an existing one (login nosuperuser nocreatedb nocreaterole noinherit).
select format(
         '%s role %I login nosuperuser nocreatedb nocreaterole noinherit password %L',
         case when exists (select from pg_roles where rolname = role) then 'alter' else 'create' end,
         role,
         password)
  from (values ('crc_owner', :'owner_password'), ('crc_app', :'app_password')) as roles(role, password)
\gexec

-- The database, owned by crc_owner, UTF-8 with the C.UTF-8 locale (create database cannot run in a DO block).
select format('create database %I owner %I encoding %L template template0 locale %L',
              'crc', 'crc_owner', 'UTF8', 'C.UTF-8')
 where not exists (select from pg_database where datname = 'crc')
\gexec

\connect crc
revoke all on database crc from public;
grant connect, temporary on database crc to crc_app;
revoke create on schema public from public;
grant usage on schema public to crc_app;
SQL

echo "crc: roles crc_owner and crc_app and database crc are in place"
