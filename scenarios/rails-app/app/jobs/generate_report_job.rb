class GenerateReportJob < ApplicationJob
  queue_as :reports
  self.enqueue_after_transaction_commit = true

  retry_on Timeout::Error, wait: 2.minutes + 30.seconds
  discard_on ActiveRecord::RecordNotFound

  after_perform :notify_owner

  def perform(report_id, format = "pdf", *sections)
    Report.find(report_id).render(format, sections)
  end

  private

  def notify_owner
    ReportMailer.ready(arguments.first).deliver_later
  end
end
