class ImportCatalogJob < ApplicationJob
  queue_as :low

  limits_concurrency key: ->(supplier) { supplier }, duration: 1.hour
  retry_on CSV::MalformedCSVError, attempts: 1 do |job, error|
    ImportMailer.failed(job.arguments.first, error.message).deliver_later
  end
  rescue_from(Errno::ENOENT) { |error| Rails.logger.warn(error.message) }

  def perform(supplier, path)
    CatalogImporter.new(supplier).import(path)
  end
end
