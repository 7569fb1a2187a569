-- os.date week-based conversions (%U %W %V %G %g %u %w %j) across year boundaries
for _, t in ipairs({946684800, 978307200, 1104537600, 1230681600, 1262304000, 1609459200}) do
  print(os.date("!%Y-%m-%d %a %j %U %W %V %G %g %u %w", t))
end
