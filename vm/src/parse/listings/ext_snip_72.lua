const function a() return a end a()
