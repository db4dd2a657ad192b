import { defineModel, Mailer, type Mail } from "../../src/index.js";

// The application around the seed document's jobs: its tables, models, mailers and the error
// classes its jobs name. Ruby's namespaced constants become plain classes; each comment says
// which Ruby class it stands for.

export const APP_SCHEMA = `
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, total_cents INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'pending');
CREATE TABLE records (id INTEGER PRIMARY KEY, user_id INTEGER, status TEXT NOT NULL DEFAULT 'pending', processed_at INTEGER);
CREATE TABLE exports (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'pending', progress INTEGER NOT NULL DEFAULT 0, error_message TEXT);
CREATE TABLE export_lines (export_id INTEGER NOT NULL, record_id INTEGER NOT NULL);
CREATE TABLE webhook_events (event TEXT NOT NULL, reference TEXT, handled_at INTEGER NOT NULL);
CREATE TABLE sessions (id INTEGER PRIMARY KEY, user_id INTEGER, updated_at INTEGER NOT NULL);
CREATE TABLE reports (id INTEGER PRIMARY KEY, generated_at INTEGER NOT NULL);
`;

export interface UserRow {
  id: number;
  email: string;
  name: string;
}
export class User extends defineModel<UserRow>("User", { table: "users" }) {}

export interface OrderRow {
  id: number;
  user_id: number;
  total_cents: number;
  status: string;
}
export class Order extends defineModel<OrderRow>("Order", { table: "orders" }) {}

export interface RecordRow {
  id: number;
  user_id: number | null;
  status: string;
  processed_at: number | null;
}
/** The seed's `Record` model (a name JavaScript leaves free as a value). */
export class Record extends defineModel<RecordRow>("Record", { table: "records" }) {}

export interface ExportRow {
  id: number;
  user_id: number;
  status: string;
  progress: number;
  error_message: string | null;
}
export class Export extends defineModel<ExportRow>("Export", { table: "exports" }) {}

export const MODELS = [User, Order, Record, Export];

export class UserMailer extends Mailer {
  welcome(user: User): Mail {
    return { to: user.email, subject: `Welcome, ${user.name}!`, body: "Thanks for signing up." };
  }

  dailyDigest(user: User): Mail {
    return { to: user.email, subject: "Your daily digest" };
  }
}

export class AdminNotifier extends Mailer {
  /** Takes the error's message: an error object is not a job argument (see ImportJob). */
  importFailed(message: string): Mail {
    return { to: "admin@example.com", subject: "Import failed", body: message };
  }
}

/** ActiveRecord::Deadlocked. */
export class Deadlocked extends Error {
  override name = "Deadlocked";
}

/** Net::OpenTimeout. */
export class OpenTimeout extends Error {
  override name = "OpenTimeout";
}

/** Timeout::Error. */
export class TimeoutError extends Error {
  override name = "TimeoutError";
}

/** The seed's ApiError (an app error class). */
export class ApiError extends Error {
  override name = "ApiError";
}

/** The seed's InvalidDataError. */
export class InvalidDataError extends Error {
  override name = "InvalidDataError";
}

/** ImportService::ValidationError. */
export class ImportValidationError extends Error {
  override name = "ImportValidationError";
}

/** By name, for errors scripted by name (createSimulation({ errors }), scenario files). */
export const ERRORS = { Deadlocked, OpenTimeout, TimeoutError, ApiError, InvalidDataError, ImportValidationError };
