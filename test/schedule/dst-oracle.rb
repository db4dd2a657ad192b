# Oracle for test/schedule/dst-transitions.test.ts: reads a JSON array of
#   { "schedule", "tz", "from" (epoch s), "count", "previous_from" (epoch s or null) }
# and prints for each what Fugit answers, the way Solid Queue asks (schedules.md §1):
#   { "original", "in_zone": [epoch s] (from placed in the cron's zone: Fugit's own chain),
#     "from_utc": [epoch s] (from a UTC Time: Solid Queue's next_time_after(run_at)),
#     "previous": epoch s } or { "error": "Class: message" }.
ENV['TZ'] = 'UTC'

require 'json'
require 'fugit'

def read(c)
  parsed = Fugit.parse(c['schedule'], multi: :fail)
  return { error: "not a cron: #{parsed.class}" } unless parsed.instance_of?(Fugit::Cron)

  # Solid Queue's apply_default_time_zone_to
  cron = parsed.zone ? parsed : Fugit.parse("#{parsed.to_cron_s} #{c['tz']}", multi: :fail)
  t = EtOrbi::EoTime.new(c['from'], cron.timezone)
  in_zone = Array.new(c['count']) { t = cron.next_time(t); t.to_i }
  t = Time.at(c['from']).utc
  from_utc = Array.new(c['count']) { t = cron.next_time(t).utc; t.to_i }
  previous = c['previous_from'] && cron.previous_time(EtOrbi::EoTime.new(c['previous_from'], cron.timezone)).to_i
  { original: parsed.original, in_zone: in_zone, from_utc: from_utc, previous: previous }
rescue StandardError => e
  { error: "#{e.class}: #{e.message}" }
end

puts JSON.generate(JSON.parse($stdin.read).map { |c| read(c) })
