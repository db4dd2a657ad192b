class SendNewsletterJob < ApplicationJob
  queue_as :mailers
  queue_with_priority { arguments.last[:vip] ? 5 : 30 }

  retry_on "Mailgun::Error", wait: :polynomially_longer, attempts: 4, queue: :low, priority: 40
  after_discard { |job, error| NewsletterStats.bounce(job.arguments.first, error) }

  def perform(user_id, campaign_id, vip: false)
    NewsletterMailer.issue(user_id, campaign_id).deliver_now
  end
end
