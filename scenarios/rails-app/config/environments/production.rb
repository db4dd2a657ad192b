require "active_support/core_ext/integer/time"

Rails.application.configure do
  config.eager_load = true
  config.active_job.queue_adapter = :solid_queue
  config.solid_queue.connects_to = { database: { writing: :queue } }
  config.active_job.queue_name_prefix = "shop"
  config.solid_queue.shutdown_timeout = 10.seconds
  config.solid_queue.clear_finished_jobs_after = 2.days
  config.solid_queue.preserve_finished_jobs = true
end
