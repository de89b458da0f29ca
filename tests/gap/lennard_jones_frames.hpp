#pragma once
// Reference data for the GAP tests: frames of a smoothly truncated Lennard-Jones pair potential
// φ(r) = 4ε[(σ/r)¹² − (σ/r)⁶] · f_c(r), f_c the cosine cutoff written out here independently of
// src/gap, with analytic energies, forces and virials (W = −Σ_pairs r_ij ⊗ ∂φ/∂r_ij, eV) from a
// brute-force sum over lattice images. Positions are random with a minimum distance, drawn from
// a fixed std::mt19937_64 seed so every rank builds the same frames.
#include "hykal/io/frame.hpp"

#include <Eigen/Dense>

#include <cmath>
#include <random>
#include <vector>

namespace hykal::test {

struct LennardJones {
  double epsilon = 0.05;  // eV
  double sigma = 2.5;     // Å
  double cutoff = 6.0;    // Å
  double width = 1.0;     // Å, cosine transition

  // φ(r) and dφ/dr.
  std::pair<double, double> pair(double r) const {
    const double pi = std::acos(-1.0);
    double fc = 1.0, dfc = 0.0;
    if (r >= cutoff) return {0.0, 0.0};
    if (r > cutoff - width) {
      const double x = pi * (r - cutoff + width) / width;
      fc = 0.5 * (1.0 + std::cos(x));
      dfc = -0.5 * pi / width * std::sin(x);
    }
    const double s6 = std::pow(sigma / r, 6);
    const double lj = 4.0 * epsilon * (s6 * s6 - s6);
    const double dlj = 4.0 * epsilon * (-12.0 * s6 * s6 + 6.0 * s6) / r;
    return {lj * fc, dlj * fc + lj * dfc};
  }

  // Energy, forces and virial of a frame (periodic along every axis when it has a cell).
  void label(io::Frame& frame) const {
    const int n = static_cast<int>(frame.n_atoms());
    const bool periodic = frame.has_cell();
    const int shells = periodic ? 3 : 0;
    double energy = 0.0;
    io::AtomVectors forces = io::AtomVectors::Zero(n, 3);
    Eigen::Matrix3d virial = Eigen::Matrix3d::Zero();
    for (int i = 0; i < n; ++i) {
      for (int j = 0; j < n; ++j) {
        for (int a = -shells; a <= shells; ++a) {
          for (int b = -shells; b <= shells; ++b) {
            for (int c = -shells; c <= shells; ++c) {
              const Eigen::Vector3d shift = (a * frame.cell.row(0) + b * frame.cell.row(1) + c * frame.cell.row(2)).transpose();
              const Eigen::Vector3d d = (frame.positions.row(j) - frame.positions.row(i)).transpose() + shift;
              const double r = d.norm();
              if (r == 0.0 || r >= cutoff) continue;
              const auto [phi, dphi] = pair(r);
              // Every ordered pair is visited twice overall: half each time.
              energy += 0.5 * phi;
              const Eigen::Vector3d g = dphi * d / r;  // ∂φ/∂r_ij
              forces.row(j) -= 0.5 * g.transpose();
              forces.row(i) += 0.5 * g.transpose();
              virial -= 0.5 * d * g.transpose();
            }
          }
        }
      }
    }
    frame.energy = energy;
    frame.forces = forces;
    frame.virial = virial;
  }
};

// n_atoms random atoms of species z, no two closer than min_distance (periodic images included
// when cell is nonzero; the cell must be large enough for that). Molecules go in a box of edge
// `box` without a cell.
inline io::Frame random_frame(std::mt19937_64& random, int n_atoms, int z, const Eigen::Matrix3d& cell, double box,
                              double min_distance) {
  io::Frame frame;
  frame.cell = cell;
  const bool periodic = cell.cwiseAbs().sum() > 0.0;
  frame.pbc = {periodic, periodic, periodic};
  frame.atomic_numbers.assign(static_cast<std::size_t>(n_atoms), z);
  frame.positions = io::AtomVectors::Zero(n_atoms, 3);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int i = 0; i < n_atoms; ++i) {
    for (int attempt = 0;; ++attempt) {
      const Eigen::RowVector3d fractional(unit(random), unit(random), unit(random));
      const Eigen::RowVector3d position = periodic ? Eigen::RowVector3d(fractional * cell) : Eigen::RowVector3d(fractional * box);
      bool clear = true;
      for (int j = 0; j < i && clear; ++j) {
        Eigen::RowVector3d d = position - frame.positions.row(j);
        if (periodic) {
          Eigen::RowVector3d f = d * cell.inverse();
          f = f.array() - f.array().round();
          d = f * cell;
        }
        clear = d.norm() >= min_distance;
      }
      if (clear) {
        frame.positions.row(i) = position;
        break;
      }
    }
  }
  frame.source_file = "lennard-jones";
  return frame;
}

}  // namespace hykal::test
