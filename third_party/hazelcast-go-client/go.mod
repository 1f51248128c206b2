module github.com/hazelcast/hazelcast-go-client

go 1.20

require (
	github.com/apache/thrift v0.14.1
	github.com/shirou/gopsutil/v3 v3.21.5
	github.com/stretchr/testify v1.6.1
	go.uber.org/goleak v1.1.10
)

require (
	github.com/StackExchange/wmi v0.0.0-20190523213315-cbe66965904d // indirect
	github.com/davecgh/go-spew v1.1.0 // indirect
	github.com/go-ole/go-ole v1.2.4 // indirect
	github.com/pmezard/go-difflib v1.0.0 // indirect
	github.com/tklauser/go-sysconf v0.3.4 // indirect
	github.com/tklauser/numcpus v0.2.1 // indirect
	golang.org/x/lint v0.0.0-20190930215403-16217165b5de // indirect
	golang.org/x/sys v0.1.0 // indirect
	golang.org/x/tools v0.0.0-20191108193012-7d206e10da11 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
