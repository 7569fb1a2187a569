-- \u{XXX} escapes encode code points as UTF-8
print("\u{41}\u{42}")
print(#"\u{7F}", #"\u{80}", #"\u{7FF}", #"\u{800}", #"\u{FFFF}", #"\u{10000}", #"\u{10FFFF}")
print(string.byte("\u{E9}", 1, -1))
print(string.byte("\u{20AC}", 1, -1))
print(string.byte("\u{1F600}", 1, -1))
print("\u{48}\u{069}" == "Hi")
