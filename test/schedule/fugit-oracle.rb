# Oracle for test/schedule/fugit-differential.test.ts: reads a JSON array of
#   { "schedule": String, "tz": String, "from": Float (epoch seconds) }
# on stdin and prints, for each, what Solid Queue gets from Fugit:
#   { "kind": "cron"|"unsupported"|"multiple-crons"|"argument"|"crash", "message",
#     "original", "zone", "next_local", "next_utc", "previous" }
# next_local: 5 runs chained with `from` placed in the evaluation zone (Fugit's spec style);
# next_utc: 3 runs chained from UTC instants (what Solid Queue's scheduler does);
# times are epoch seconds, or the error text of a failing search.
ENV['TZ'] = 'UTC'

require 'json'
require 'fugit'

def times
  yield
rescue StandardError => e
  "#{e.class}: #{e.message}"
end

def read(schedule, tz, from)
  parsed = Fugit.parse(schedule, multi: :fail)
  return { kind: 'unsupported' } unless parsed.instance_of?(Fugit::Cron)

  cron = parsed
  if parsed.zone.nil?
    # Solid Queue's apply_default_time_zone_to
    begin
      cron = Fugit.parse("#{parsed.to_cron_s} #{tz}", multi: :fail)
    rescue ArgumentError
      cron = parsed
    end
  end
  zone = cron.timezone || EtOrbi.get_tzone(:local)

  next_local = times do
    t = EtOrbi::EoTime.new(from, zone)
    Array.new(5) { t = cron.next_time(t); t.to_i }
  end
  next_utc = times do
    t = Time.at(from).utc
    Array.new(3) { t = cron.next_time(t).utc; t.to_i }
  end
  previous = times { cron.previous_time(EtOrbi::EoTime.new(from, zone)).to_i }

  { kind: 'cron', original: parsed.original, zone: parsed.zone,
    next_local: next_local, next_utc: next_utc, previous: previous }
rescue ArgumentError => e
  kind = e.message.include?('multiple crons') ? 'multiple-crons' : 'argument'
  { kind: kind, message: e.message }
rescue StandardError => e
  { kind: 'crash', message: "#{e.class}: #{e.message}" }
end

cases = JSON.parse($stdin.read)
puts JSON.generate(cases.map { |c| read(c['schedule'], c['tz'], c['from']) })
