import { Job } from "../../src/index.js";

// Recurring (sync_inventory, every 15 minutes): asks the inventory service to sync.
export class SyncInventoryJob extends Job {
  override async perform(): Promise<void> {
    await this.services.Inventory.sync();
  }
}
