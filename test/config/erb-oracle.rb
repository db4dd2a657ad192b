# Renders ERB templates the way Rails renders config files (ActiveSupport::ConfigurationFile:
# ERB.new(content).result), with the inputs jobsim's ERB subset reads stubbed: ENV replaced by
# the case's vars, Rails.env, the CPU count behind Concurrent / Etc, require_relative a no-op.
# Reads a JSON list of cases on stdin; prints one JSON result per case.
require "erb"
require "json"
require "active_support"
require "active_support/core_ext/object/blank"
require "active_support/string_inquirer"

module Concurrent
  class << self
    attr_accessor :cpus
    def processor_count = cpus
    def physical_processor_count = cpus
    def available_processor_count = cpus.to_f
  end
end

module Etc
  def self.nprocessors = Concurrent.cpus
end

module Rails
  class << self
    attr_accessor :env_name
    def env = ActiveSupport::StringInquirer.new(env_name)
  end
end

def require_relative(*) = nil

results = JSON.parse($stdin.read).map do |c|
  ENV.replace(c["vars"])
  Concurrent.cpus = c["cpus"]
  Rails.env_name = c["env"]
  begin
    { "output" => ERB.new(c["template"]).result }
  rescue Exception => e
    { "error" => e.class.name, "message" => e.message.lines.first.to_s.strip }
  end
end
puts JSON.generate(results)
