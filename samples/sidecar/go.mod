module example.com/orders/sidecar

go 1.23
