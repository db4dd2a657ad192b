class CleanupSessionsJob < ApplicationJob
  queue_as :maintenance
  queue_with_priority 50

  def perform
    Session.where("updated_at < ?", 30.days.ago).delete_all
  end
end
