require_relative "boot"

require "rails/all"

Bundler.require(*Rails.groups)

module Shop
  class Application < Rails::Application
    config.load_defaults 8.0
    config.time_zone = "Europe/Berlin"
    config.active_job.queue_adapter = :solid_queue
  end
end
