-- os.setlocale: querying the C locale and invalid categories
print(os.setlocale(), os.setlocale(nil, "numeric"), os.setlocale("C"), os.setlocale("C", "time"))
print(os.setlocale("no_such_locale_xx"))
print(pcall(os.setlocale, "C", "bogus"))
