# Loads generated job classes under the real Active Job (Debian's ruby-activejob) and prints,
# as JSON, what Active Job makes of them: queue names, priority, retry_jitter, callbacks,
# perform's parameters, the concurrency declaration, and for each error class what the
# handlers do (delays with rand() = 0 and = 1). Input (stdin, JSON): a list of apps
# { prefix, delimiter, jitter, files: [[class name, Ruby source], ...] }.
require "json"
require "active_job"

ActiveJob::Base.logger = Logger.new(nil)
%w[E1 E2 E3 E4].each { |e| Object.const_set(e, Class.new(StandardError)) }

module Kernel
  def self.rand(*) = $RAND
end

# Solid Queue's macro, recorded as its class_attribute would be (inherited, redeclarable).
class ActiveJob::Base
  class_attribute :jobsim_concurrency
  def self.limits_concurrency(**opts) = self.jobsim_concurrency = opts
end

Keyed = Struct.new(:id) { def to_s = "O#{id}" }

def outcome(klass, error, rand)
  $RAND = rand
  job = klass.new(true)
  job.exception_executions = {}
  captured = nil
  job.define_singleton_method(:retry_job) { |opts = {}| captured = opts }
  delays = []
  12.times do
    captured = nil
    begin
      handled = job.rescue_with_handler(error.new)
    rescue => e
      return { "result" => e.is_a?(error) ? "raised" : "error: #{e.class}", "delays" => delays }
    end
    return { "result" => "none", "delays" => [] } if handled.nil?
    return { "result" => "swallowed", "delays" => delays } if captured.nil?
    q = captured[:queue]
    delays << [captured[:wait].to_f, q && klass.queue_name_from_part(q), captured[:priority]]
  end
  { "result" => "retrying", "delays" => delays }
end

apps = JSON.parse($stdin.read)
out = apps.each_with_index.map do |app, i|
  ActiveJob::Base.queue_name_prefix = app["prefix"]
  ActiveJob::Base.queue_name_delimiter = app["delimiter"]
  ActiveJob::Base.retry_jitter = app["jitter"]
  mod = Object.const_set("App#{i}", Module.new)
  app["files"].each { |name, src| mod.module_eval(src, "#{name}.rb") }
  app["files"].to_h do |name, _|
    k = mod.const_get(name)
    conc = k.jobsim_concurrency
    key = conc && (conc[:key].is_a?(Proc) ? conc[:key].call(*[Keyed.new(7), "x"].first(conc[:key].arity)) : conc[:key]).to_s
    [name, {
      "queues" => [k.new(true).queue_name, k.new(false).queue_name].uniq.sort,
      "priority" => k.new(true).priority,
      "retry_jitter" => k.retry_jitter,
      "callbacks" => %i[before after around].to_h { |kind| ["#{kind}_perform", k._perform_callbacks.select { |c| c.kind == kind && c.filter.is_a?(Symbol) }.map { |c| c.filter.to_s }] }.reject { |_, v| v.empty? },
      "params" => k.instance_method(:perform).owner == ActiveJob::Execution ? nil : k.instance_method(:perform).parameters.map(&:first).map(&:to_s),
      "concurrency" => conc && { "to" => conc.fetch(:to, 1), "key" => key, "group" => (conc[:group] || k.name.delete_prefix("App#{i}::")).to_s, "duration" => (conc[:duration] || 180).to_i, "on_conflict" => (conc[:on_conflict] || :block).to_s },
      "errors" => %w[E1 E2 E3 E4].to_h { |e| [e, [0.0, 1.0].map { |r| outcome(k, Object.const_get(e), r) }] },
    }]
  end
end
puts JSON.generate(out)
