//go:build tools

// Keeps cmd/kube-apiserver in this module's dependency graph so `go mod tidy` retains it.
package tools

import _ "k8s.io/kubernetes/cmd/kube-apiserver"
