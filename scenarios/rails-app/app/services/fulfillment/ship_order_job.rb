# A job that lives with its service object instead of under app/jobs.
module Fulfillment
  class ShipOrderJob < ApplicationJob
    queue_as :fulfillment

    limits_concurrency to: 5, key: ->(order) { order.warehouse_id }, group: :shipping
    retry_on Carrier::RateLimited, wait: 30.seconds, attempts: 8, jitter: nil

    before_enqueue :check_address
    around_perform :with_carrier_session

    def perform(order, carrier = :ups)
      Carrier.for(carrier).ship(order)
    end

    private

    def check_address
      throw :abort unless arguments.first.address_valid?
    end

    def with_carrier_session(&block)
      Carrier.session(&block)
    end
  end
end
