#!/bin/sh
# Runs once, when the PostgreSQL container initialises an empty data directory
# (/docker-entrypoint-initdb.d). Creates the roles of README.md ("Running on a PostgreSQL server"):
# the owner that runs the migrations and owns the database, the group role schakel_app the migrations
# grant table rights to, and the login role schakel_web the app instances connect with.
set -eu
: "${SCHAKEL_OWNER_PASSWORD:?set SCHAKEL_OWNER_PASSWORD}"
: "${SCHAKEL_WEB_PASSWORD:?set SCHAKEL_WEB_PASSWORD}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner_password="$SCHAKEL_OWNER_PASSWORD" -v web_password="$SCHAKEL_WEB_PASSWORD" <<'SQL'
CREATE ROLE schakel_owner LOGIN PASSWORD :'owner_password';
CREATE DATABASE schakel OWNER schakel_owner;
CREATE ROLE schakel_app NOLOGIN NOBYPASSRLS;
CREATE ROLE schakel_web LOGIN PASSWORD :'web_password' NOBYPASSRLS IN ROLE schakel_app;
SQL
