# Moved from Sidekiq; the old options line is still here.
class ReindexSearchJob < ApplicationJob
  sidekiq_options retry: 3, backtrace: true
  queue_as :search

  retry_on Searchkick::ImportError, wait: ->(executions, error) { error.retry_after || 60 }, attempts: 4
  rescue_from Searchkick::MissingIndexError, with: :create_index

  def perform(model_name, ids)
    model_name.constantize.where(id: ids).reindex
  end

  private

  def create_index(error)
    Searchkick.create_index(arguments.first)
  end
end
