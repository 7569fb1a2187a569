const function a() a = 1 end
