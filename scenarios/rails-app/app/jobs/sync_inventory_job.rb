class SyncInventoryJob < ApplicationJob
  queue_as :low
  queue_with_priority 20

  retry_on Faraday::TimeoutError, wait: ->(executions) { executions * 30 }, attempts: 6
  limits_concurrency to: 2, key: ->(warehouse, sku) { "#{warehouse.id}-#{sku}" }, group: "inventory"

  def perform(warehouse, sku, full: false)
    warehouse.sync(sku, full: full)
  end
end
