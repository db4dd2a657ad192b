class ExpireCartsJob < ApplicationJob
  queue_as :maintenance

  discard_on ActiveRecord::StaleObjectError

  def perform(older_than:)
    Cart.abandoned(older_than.seconds.ago).find_each(&:expire!)
  end
end
