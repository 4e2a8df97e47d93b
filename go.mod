module github.com/nd-go/nd

go 1.25.0
