# Charges an order. One charge per order at a time; card errors are final.
class ProcessPaymentJob < ApplicationJob
  queue_as :critical
  queue_with_priority 0

  retry_on Stripe::APIConnectionError, Stripe::RateLimitError, wait: :polynomially_longer, attempts: 10
  discard_on Stripe::CardError

  limits_concurrency to: 1, key: ->(order) { order.id }, duration: 5.minutes

  before_perform :load_order
  after_perform :send_receipt

  def perform(order)
    PaymentGateway.charge(order)
  end

  private

  def load_order
    @order = arguments.first
  end

  def send_receipt
    SendReceiptJob.perform_later(@order.id, email: @order.email)
  end
end
